package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.Document;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import io.github.centrasage.centra.internal.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document the client sends is validated by graphql-java against the Centra SDL shipped in
 * the jar (transcribed from Centra's type reference): an unknown type, field or argument, a
 * variable of the wrong type or nullability fails the build here, not on a real tenant.
 */
class CentraSchemaContractTest {
  static final String SDL = "/io/github/centrasage/centra/schema/centra-integration.graphqls";

  static GraphQLSchema schema() throws IOException {
    try (InputStream in = CentraSchemaContractTest.class.getResourceAsStream(SDL)) {
      assertThat(in).as("the SDL ships as a resource of centra-client").isNotNull();
      TypeDefinitionRegistry types = new SchemaParser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      // Validation needs no data fetchers; the mocked wiring supplies the custom scalars.
      return new SchemaGenerator().makeExecutableSchema(types, RuntimeWiring.MOCKED_WIRING);
    }
  }

  static List<ValidationError> validate(GraphQLSchema schema, String document) {
    Document parsed = Parser.parse(document);
    return new Validator().validateDocument(schema, parsed, Locale.ENGLISH);
  }

  @Test
  void everyShippedDocumentValidatesAgainstCentrasSchema() throws Exception {
    GraphQLSchema schema = schema();
    List<String> failures = new ArrayList<>();
    for (Operation<?> op : OperationDocumentsTest.operations()) {
      for (ValidationError e : validate(schema, op.document())) {
        failures.add(op.name() + ": " + e.getDescription());
      }
    }
    assertThat(failures).as("documents that a Centra tenant would refuse").isEmpty();
  }

  @Test
  void everyGraphqlResourceIsSentByAnOperation() throws Exception {
    Set<String> sent = OperationDocumentsTest.operations().stream().map(Operation::name).collect(Collectors.toCollection(TreeSet::new));
    Path dir = resourceDir("/io/github/centrasage/centra/graphql/");
    Set<String> shipped;
    try (Stream<Path> files = Files.list(dir)) {
      shipped = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".graphql"))
          .map(n -> n.substring(0, n.length() - ".graphql".length())).collect(Collectors.toCollection(TreeSet::new));
    }
    assertThat(sent).as("every shipped document is loaded (and so validated) by an operation").isEqualTo(shipped);
  }

  @Test
  void theValidationCatchesWhatARealServerRefuses() throws Exception {
    GraphQLSchema schema = schema();
    assertThat(validate(schema, "query { rateLimits { type noSuchField } }")).as("unknown field").isNotEmpty();
    assertThat(validate(schema, "mutation M($input: SetStockInput!) { setStock(input: $input) { userErrors { message } } }"))
        .as("unknown input type (the old SetStock document)").isNotEmpty();
    assertThat(validate(schema, "mutation M($input: StockSetInput) { setStock(input: $input) { userErrors { message } } }"))
        .as("nullable variable for a required argument").isNotEmpty();
    assertThat(validate(schema, "query { orders(noSuchArgument: 1) { id } }")).as("unknown argument").isNotEmpty();
    assertThat(validate(schema, "mutation { createShipment { shipment { id } } }")).as("missing required argument").isNotEmpty();
    assertThat(validate(schema, "query { rateLimits { type quota } }")).isEmpty();
  }

  @Test
  void inferredNamesAreMarkedWithWhereTheyWereLookedFor() throws Exception {
    String sdl;
    try (InputStream in = CentraSchemaContractTest.class.getResourceAsStream(SDL)) {
      sdl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(sdl).contains("directive @inferred(note: String)");
    long marks = java.util.regex.Pattern.compile("@inferred\\b").matcher(sdl).results().count();
    long withNote = java.util.regex.Pattern.compile("@inferred\\(note: \"[^\"]{10,}\"\\)").matcher(sdl).results().count();
    // Two mentions are not marks: the directive's declaration and the header comment.
    assertThat(withNote).as("every mark says where it was looked for").isEqualTo(marks - 2);
  }

  private static Path resourceDir(String name) throws URISyntaxException {
    return Paths.get(CentraSchemaContractTest.class.getResource(name).toURI());
  }
}
