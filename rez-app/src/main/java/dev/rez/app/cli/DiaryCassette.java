package dev.rez.app.cli;

import dev.rez.agent.CassetteModel;
import dev.rez.agent.ModelRole;
import dev.rez.agent.TokenUsage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The {@link CassetteModel} of a diary: its {@code model-answer} events, keyed by cycle and step,
 * with the hash of the request each answered; those marked {@code "model": "repair"} are the repair
 * model's, which the cassette's {@link CassetteModel#repairModel()} plays.
 *
 * <pre>{@code
 * CassetteModel cassette = DiaryCassette.load(Path.of("data/backtest/diary.jsonl"), CassetteModel.Mode.STRICT, warn);
 * }</pre>
 */
final class DiaryCassette {
  private DiaryCassette() {}

  /**
   * The cassette of {@code diary}.
   *
   * @throws CliException (bad file) when the diary cannot be read, records no model answer, or an
   *     answer is malformed
   */
  static CassetteModel load(Path diary, CassetteModel.Mode mode, Consumer<String> warn) {
    List<CassetteModel.Answer> answers = new ArrayList<>();
    for (DiaryLines.Line l : DiaryLines.read(diary, warn)) {
      if (!l.type().equals("model-answer")) continue;
      answers.add(answer(l, diary));
    }
    if (answers.isEmpty()) {
      throw CliException.badFile(
          "the diary "
              + diary
              + " records no model answers (model-answer events): it was written before replays were possible, "
              + "or no model was asked");
    }
    try {
      return CassetteModel.of(answers, mode);
    } catch (IllegalArgumentException e) {
      throw CliException.badFile("the diary " + diary + " cannot be replayed: " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static CassetteModel.Answer answer(DiaryLines.Line l, Path diary) {
    Map<String, Object> d = l.data();
    try {
      return new CassetteModel.Answer(
          l.cycle(),
          ((BigDecimal) d.get("step")).intValueExact(),
          (String) d.get("requestHash"),
          (String) d.get("text"),
          (String) d.getOrDefault("thinking", ""),
          (List<String>) d.get("tools"),
          (List<String>) d.get("arguments"),
          new TokenUsage(number(d.get("inputTokens")), number(d.get("outputTokens"))),
          role(d.get("model")));
    } catch (RuntimeException e) {
      throw CliException.badFile(
          "the diary "
              + diary
              + " has a malformed model-answer event in cycle "
              + l.cycle()
              + " ("
              + e.getMessage()
              + ")");
    }
  }

  /** The model an answer's {@code model} field names: absent for the model, "repair". */
  private static ModelRole role(Object model) {
    if (model == null) return ModelRole.MAIN;
    if ("repair".equals(model)) return ModelRole.REPAIR;
    throw new IllegalArgumentException("model must be \"repair\" or absent but was " + model);
  }

  private static long number(Object o) {
    return o instanceof BigDecimal b ? b.longValueExact() : 0;
  }
}
