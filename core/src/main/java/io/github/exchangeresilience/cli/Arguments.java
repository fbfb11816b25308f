package io.github.exchangeresilience.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A command's arguments: positional ones in order, and {@code --name value} or {@code --name=value} options. */
final class Arguments {
  private final List<String> positional = new ArrayList<>();
  private final Map<String, String> options = new HashMap<>();

  private Arguments() {}

  /**
   * Splits {@code args} from index {@code from} on.
   *
   * @throws UsageException for an option not in {@code known} or without a value
   */
  static Arguments parse(String[] args, int from, Set<String> known) {
    Arguments parsed = new Arguments();
    for (int i = from; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        parsed.positional.add(arg);
        continue;
      }
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
      if (!known.contains(name)) {
        throw new UsageException("unknown option --" + name);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("option --" + name + " needs a value");
      }
      if (parsed.options.put(name, value) != null) {
        throw new UsageException("option --" + name + " given twice");
      }
    }
    return parsed;
  }

  List<String> positional() {
    return positional;
  }

  Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /** Refuses fewer than {@code min} or more than {@code max} positional arguments. */
  Arguments expect(int min, int max, String usage) {
    if (positional.size() < min || positional.size() > max) {
      throw new UsageException("usage: " + usage);
    }
    return this;
  }
}
