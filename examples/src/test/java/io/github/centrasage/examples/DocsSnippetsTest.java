package io.github.centrasage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Code in the README and in docs/ cannot rot: a block preceded by
 * {@code <!-- include: path/To.java#name -->} must equal the {@code // region name} …
 * {@code // endregion} lines of that compiled source (indentation removed). Fix a failure by
 * copying the region into the page.
 */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern INCLUDE = Pattern.compile(
      "<!-- include: (\\S+)#(\\S+) -->\n```java\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyIncludedBlockIsItsCompiledRegionWordForWord() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
    try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    int checked = 0;
    for (Path page : pages) {
      Matcher m = INCLUDE.matcher(Files.readString(page));
      while (m.find()) {
        String region = region(ROOT.resolve(m.group(1)), m.group(2));
        assertThat(m.group(3).stripTrailing()).as(page + " includes " + m.group(1) + "#" + m.group(2))
            .isEqualTo(region);
        checked++;
      }
    }
    assertThat(checked).as("included blocks (README's hello sync, getting started)").isGreaterThanOrEqualTo(2);
  }

  private static String region(Path source, String name) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i).strip();
      if (l.equals("// region " + name)) {
        start = i + 1;
      } else if (start >= 0 && l.equals("// endregion")) {
        end = i;
        break;
      }
    }
    assertThat(start).as("region " + name + " in " + source).isPositive();
    List<String> body = lines.subList(start, end);
    int indent = body.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return body.stream().map(l -> l.length() >= indent ? l.substring(indent) : l.strip())
        .collect(Collectors.joining("\n")).stripTrailing();
  }
}
