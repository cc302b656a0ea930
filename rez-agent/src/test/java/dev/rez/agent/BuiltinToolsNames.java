package dev.rez.agent;

import java.util.List;

final class BuiltinToolsNames {
  static final List<String> ACTIONS = dev.rez.agent.BuiltinTools.ACTION_TOOLS;

  private BuiltinToolsNames() {}
}
