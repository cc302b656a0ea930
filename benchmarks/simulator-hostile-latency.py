# Latency of an ordinary simulator client before, during and after hostile load (slow senders, garbage floods).
# Usage: java -jar rez-app/target/rez.jar simulator --port 8080 --fund 0x14791697260e4c9a71f18484c9f997b308e59325=10000
#        python3 benchmarks/simulator-hostile-latency.py 8080
import http.client, json, os, random, socket, statistics, threading, time
import sys
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
BODY = json.dumps({"type": "clearinghouseState", "user": "0x14791697260e4c9a71f18484c9f997b308e59325"})

def measure(n=300):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=20)
    out = []
    for _ in range(n):
        t = time.perf_counter()
        c.request("POST", "/info", BODY, {"Content-Type": "application/json"})
        r = c.getresponse(); r.read()
        assert r.status == 200
        out.append((time.perf_counter() - t) * 1000)
    c.close()
    out.sort()
    return statistics.median(out), out[int(len(out) * 0.99) - 1]

measure(); print("baseline median %.2f ms p99 %.2f ms" % measure())
stop = False
slow = []
for i in range(64):
    s = socket.create_connection(("127.0.0.1", PORT))
    s.sendall(b"POST /info HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{\"ty" if i % 2 else b"POST /inf")
    slow.append(s)
sent = [0]
def garbage():
    rnd = random.Random(1)
    paths = ["/info", "/exchange", "/sim/fund", "/sim/advance", "/x"]
    while not stop:
        try:
            c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=20)
            body = bytes(rnd.getrandbits(8) for _ in range(rnd.randint(0, 300)))
            if rnd.random() < 0.2: body = b"[" * 50000 + b"]" * 50000
            if rnd.random() < 0.1: body = b'{"user":"0x14791697260e4c9a71f18484c9f997b308e59325","usd":"1e999999999"}'
            c.request("POST", rnd.choice(paths), body)
            r = c.getresponse(); r.read(); c.close()
            assert r.status < 500, r.status
            sent[0] += 1
        except (ConnectionError, socket.timeout):
            pass
threads = [threading.Thread(target=garbage) for _ in range(2)]
for t in threads: t.start()
time.sleep(1)
print("under hostile load (64 slow senders, 2 garbage floods) median %.2f ms p99 %.2f ms" % measure())
stop = True
for t in threads: t.join()
print("garbage requests answered:", sent[0])
for s in slow: s.close()
print("after median %.2f ms p99 %.2f ms" % measure())
