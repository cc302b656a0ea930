package dev.rez.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HostsTest {
  @Test
  void loopbackIsLocalhostThe127NetworkAndIpv6One() {
    for (String h :
        new String[] {"localhost", "LocalHost", "127.0.0.1", "127.1.2.3", "::1", "[::1]"})
      assertThat(Hosts.isLoopback(h)).as(h).isTrue();
    for (String h :
        new String[] {
          null,
          "",
          "example.com",
          "localhost.example.com",
          "128.0.0.1",
          "127.0.0",
          "10.0.0.1",
          "0.0.0.0",
          "::",
          "[::2]",
          "127.0.0.1.nip.io"
        }) assertThat(Hosts.isLoopback(h)).as(String.valueOf(h)).isFalse();
  }
}
