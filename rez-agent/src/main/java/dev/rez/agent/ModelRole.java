package dev.rez.agent;

/**
 * Which of a decision's models answered a turn: the model that decides, or the optional repair
 * model that reshapes an answer it wrote in a malformed format (see {@link
 * Agent.Builder#repairModel}). Each is priced at its own {@link ModelPrice}.
 */
public enum ModelRole {
  /** The model that decides. */
  MAIN,
  /** The repair model. */
  REPAIR
}
