package dev.rez.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * rez-bom has no parent (a consumer must not import the build's management), so its versions are
 * repeated: they must match.
 */
class RezBomTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void bomPinsTheVersionsTheBuildUses() throws IOException {
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    String bom = Files.readString(ROOT.resolve("rez-bom/pom.xml"));
    for (String property :
        new String[] {
          "okhttp.version", "okio.version", "kotlin.version", "moshi.version", "langchain4j.version"
        }) {
      assertThat(value(bom, property)).as(property).isEqualTo(value(parent, property));
    }
    assertThat(value(bom, "version")).as("rez-bom's version").isEqualTo(value(parent, "version"));
    assertThat(parent).contains("<module>rez-bom</module>");
  }

  private static String value(String pom, String element) {
    Matcher m =
        Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</" + Pattern.quote(element) + ">")
            .matcher(pom);
    assertThat(m.find()).as("<" + element + "> in the pom").isTrue();
    return m.group(1).strip();
  }
}
