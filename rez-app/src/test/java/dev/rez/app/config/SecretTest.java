package dev.rez.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretTest {
  @Test
  void masksItself() {
    Secret s = Secret.of(" abc ");
    assertThat(s.toString()).isEqualTo("****");
    assertThat(s.reveal()).isEqualTo("abc");
    assertThat(s).isEqualTo(Secret.of("abc"));
    assertThatThrownBy(() -> Secret.of(" ")).hasMessageContaining("blank");
  }
}
