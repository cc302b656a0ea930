package dev.rez.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The hosted providers' adapters are optional dependencies: without one, {@link Models#create} says
 * which artifact to add, and everything else (the offline model, the other provider) still works.
 * rez-agent is loaded here through a class loader that cannot see the adapter's classes, as in a
 * project that did not add it.
 */
class MissingAdapterTest {
  @Test
  void withoutTheOpenAiAdapterTheErrorNamesItsArtifact() throws Exception {
    Function<String, String> probe = probeWithout("dev.langchain4j.model.openai.");
    for (String provider : new String[] {"openai", "openrouter", "openai-compatible"}) {
      assertThat(probe.apply(provider))
          .startsWith(
              "IllegalStateException: The "
                  + provider
                  + " model provider needs the langchain4j adapter dev.langchain4j:langchain4j-open-ai")
          .contains("<artifactId>langchain4j-open-ai</artifactId>");
    }
    assertThat(probe.apply("offline")).isEqualTo("created OfflineModel");
    assertThat(probe.apply("anthropic")).isEqualTo("created AnthropicChatModel");
  }

  @Test
  void withoutTheAnthropicAdapterTheErrorNamesItsArtifact() throws Exception {
    Function<String, String> probe = probeWithout("dev.langchain4j.model.anthropic.");
    assertThat(probe.apply("anthropic"))
        .startsWith(
            "IllegalStateException: The anthropic model provider needs the langchain4j adapter dev.langchain4j:langchain4j-anthropic");
    assertThat(probe.apply("openrouter")).isEqualTo("created OpenAiChatModel");
    // OpenAI's own API: its chat model behind the cap that sends max_completion_tokens.
    assertThat(probe.apply("openai")).isEqualTo("created CompletionCap");
  }

  @Test
  void withBothAdaptersEveryProviderIsBuilt() {
    assertThat(new Probe().apply("openrouter")).isEqualTo("created OpenAiChatModel");
    assertThat(new Probe().apply("openai")).isEqualTo("created CompletionCap");
    assertThat(new Probe().apply("anthropic")).isEqualTo("created AnthropicChatModel");
  }

  /**
   * A {@link Probe} from rez-agent's classes loaded anew by a loader that hides {@code
   * hiddenPackage}.
   */
  @SuppressWarnings("unchecked")
  static Function<String, String> probeWithout(String hiddenPackage) throws Exception {
    ClassLoader loader = new HidingLoader(MissingAdapterTest.class.getClassLoader(), hiddenPackage);
    Class<?> probe = loader.loadClass(Probe.class.getName());
    assertThat(probe.getClassLoader()).isSameAs(loader);
    return (Function<String, String>) probe.getDeclaredConstructor().newInstance();
  }

  /** Builds the model of a provider, answering what it got: the model's class or the error. */
  public static final class Probe implements Function<String, String> {
    @Override
    public String apply(String provider) {
      ModelSettings.Builder b =
          ModelSettings.builder(ModelProvider.parse(provider)).model("m").apiKey("k");
      if (provider.equals("openai-compatible")) b.baseUrl("http://127.0.0.1:9/v1");
      try {
        return "created " + Models.create(b.build()).getClass().getSimpleName();
      } catch (RuntimeException | LinkageError e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    }
  }

  /** Loads rez-agent's own classes itself (child first) and refuses those of one package. */
  static final class HidingLoader extends ClassLoader {
    private final String hidden;

    HidingLoader(ClassLoader parent, String hidden) {
      super(parent);
      this.hidden = hidden;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(hidden)) throw new ClassNotFoundException(name + " (hidden by the test)");
      if (!name.startsWith("dev.rez.agent.")) return super.loadClass(name, resolve);
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try (InputStream in =
              getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
            if (in == null) throw new ClassNotFoundException(name);
            byte[] bytes = in.readAllBytes();
            c = defineClass(name, bytes, 0, bytes.length);
          } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
          }
        }
        if (resolve) resolveClass(c);
        return c;
      }
    }
  }
}
