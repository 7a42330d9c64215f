package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.Operation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Static checks a GraphQL server would otherwise make on the first live call. */
class OperationDocumentsTest {
  private static final Pattern DECLARED = Pattern.compile("\\$(\\w+)\\s*:");
  private static final Pattern USED = Pattern.compile("\\$(\\w++)(?!\\s*:)");

  static List<Operation<?>> operations() throws IllegalAccessException {
    List<Operation<?>> all = new ArrayList<>();
    for (Field f : CentraOperations.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == Operation.class) {
        all.add((Operation<?>) f.get(null));
      }
    }
    return all;
  }

  @Test
  void everyDocumentIsBalancedDeclaresWhatItUsesAndHasOneRootField() throws Exception {
    List<Operation<?>> operations = operations();
    assertThat(operations).hasSizeGreaterThanOrEqualTo(24);
    for (Operation<?> op : operations) {
      String doc = op.document();
      assertThat(doc.chars().filter(c -> c == '{').count()).as(op.name() + " braces")
          .isEqualTo(doc.chars().filter(c -> c == '}').count());
      assertThat(doc.chars().filter(c -> c == '(').count()).as(op.name() + " parentheses")
          .isEqualTo(doc.chars().filter(c -> c == ')').count());
      assertThat(doc).as(op.name()).doesNotContain("{{").doesNotContain("fragment ");
      assertThat(names(DECLARED, doc)).as(op.name() + " declared vs used variables").isEqualTo(names(USED, doc));
      assertThat(rootFields(doc)).as(op.name() + " root fields").containsExactly(op.rootField());
      if (op.isMutation()) {
        assertThat(doc).as(op.name()).contains("userErrors { message path }").contains("userWarnings { message path }");
      }
    }
  }

  @Test
  void argumentsArePassedOnlyThroughVariables() throws Exception {
    Pattern literalArgument = Pattern.compile("\\(\\s*\\w+\\s*:\\s*[^$\\s]");
    for (Operation<?> op : operations()) {
      String body = op.document().substring(op.document().indexOf('{'));
      assertThat(literalArgument.matcher(body).find()).as(op.name() + " has an inline literal argument").isFalse();
    }
  }

  private static Set<String> names(Pattern pattern, String doc) {
    Set<String> found = new TreeSet<>();
    Matcher m = pattern.matcher(doc);
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  /** Field names directly inside the operation's outer selection set. */
  private static List<String> rootFields(String doc) {
    List<String> roots = new ArrayList<>();
    int depth = 0;
    int parens = 0;
    Matcher word = Pattern.compile("[A-Za-z_]\\w*|[{}()]").matcher(doc);
    while (word.find()) {
      String token = word.group();
      switch (token) {
        case "{": depth++; break;
        case "}": depth--; break;
        case "(": parens++; break;
        case ")": parens--; break;
        default:
          if (depth == 1 && parens == 0) {
            roots.add(token);
          }
      }
    }
    return roots;
  }
}
