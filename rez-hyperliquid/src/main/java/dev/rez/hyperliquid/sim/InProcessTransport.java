package dev.rez.hyperliquid.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;

/**
 * An OkHttp application interceptor that answers requests for the simulator's base URL in process:
 * the request's method, path, headers and body bytes go to {@link HttpFront#answer}, which routes,
 * meters, injects faults and verifies signatures exactly as for a request over the socket, and its
 * status and body come back as the response. No TCP connection, no HTTP framing. Requests for any
 * other address go on to the network.
 *
 * @param front answers the requests
 * @param base the simulator's base URL: requests for its host and port are answered here
 */
record InProcessTransport(HttpFront front, HttpUrl base) implements Interceptor {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final MediaType TEXT = MediaType.get("text/plain; charset=utf-8");

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    if (!url.host().equals(base.host()) || url.port() != base.port()) return chain.proceed(request);
    byte[] body = new byte[0];
    if (request.body() != null) {
      Buffer buffer = new Buffer();
      request.body().writeTo(buffer);
      body = buffer.readByteArray();
    }
    // The address a local client connects from: the rate meter counts it as such.
    Api.Response r =
        front.answer(
            request.method(),
            "/" + String.join("/", url.pathSegments()),
            "127.0.0.1",
            name -> header(request, name),
            body);
    if (r.dropped())
      throw new IOException(
          "unexpected end of stream: the simulator closed the connection without an answer");
    return new Response.Builder()
        .request(request)
        .protocol(Protocol.HTTP_1_1)
        .code(r.status())
        .message(r.status() == 200 ? "OK" : "")
        .body(
            ResponseBody.create(r.body().getBytes(StandardCharsets.UTF_8), r.json() ? JSON : TEXT))
        .build();
  }

  /**
   * A header of the request as it would go over the wire: OkHttp adds {@code Content-Type} from the
   * body only after application interceptors.
   */
  private static String header(Request request, String name) {
    if (name.equalsIgnoreCase("Content-Type") && request.body() != null) {
      MediaType type = request.body().contentType();
      if (type != null) return type.toString();
    }
    return request.header(name);
  }
}
