package io.github.centrasage.sandbox.internal;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.CoercedVariables;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.Field;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.ObjectTypeDefinition;
import graphql.language.OperationDefinition;
import graphql.language.TypeDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Centra's Integration API schema as a graphql-java engine: the SDL shipped in centra-client's jar
 * (transcribed from Centra's type reference) parses, validates and executes every request, so
 * selection sets, argument and variable types, required inputs, enums and introspection behave as
 * on a real GraphQL server. Data comes from a {@link Resolver} (the emulator's state), found in the
 * execution's {@link GraphQLContext}, so one engine serves every sandbox in the JVM.
 */
final class CentraSchema {
  static final String SDL = "/io/github/centrasage/centra/schema/centra-integration.graphqls";
  private static final int CACHE_LIMIT = 2_000;
  private static final CentraSchema INSTANCE = new CentraSchema();

  /** What the engine needs from the emulator: root fields and the paged nested lists. */
  interface Resolver {
    Object query(String field, Map<String, Object> arguments);

    Object mutation(String field, Map<String, Object> arguments);

    /** {@code Warehouse.stock(limit, page)} of the warehouse rendered as {@code warehouse}. */
    Object warehouseStock(Map<String, Object> warehouse, Map<String, Object> arguments);
  }

  /** A document that parsed and validated, with its operation chosen. */
  static final class Prepared {
    final String text;
    final Document document;
    final OperationDefinition operation;
    final String rootFields;

    Prepared(String text, Document document, OperationDefinition operation) {
      this.text = text;
      this.document = document;
      this.operation = operation;
      this.rootFields = operation.getSelectionSet().getSelections().stream()
          .filter(s -> s instanceof Field).map(s -> ((Field) s).getName()).collect(Collectors.joining(","));
    }

    boolean isMutation() {
      return operation.getOperation() == OperationDefinition.Operation.MUTATION;
    }
  }

  private final GraphQLSchema schema;
  private final GraphQL graphql;
  private final Map<String, String> inferred;
  private final Map<String, Object> prepared = new ConcurrentHashMap<>();

  private CentraSchema() {
    String sdl = read();
    TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
    this.inferred = Collections.unmodifiableMap(inferred(types));
    this.schema = new SchemaGenerator().makeExecutableSchema(types, wiring(types));
    this.graphql = GraphQL.newGraphQL(schema)
        .defaultDataFetcherExceptionHandler(new Failures())
        .preparsedDocumentProvider((input, parse) -> CompletableFuture.completedFuture(
            new PreparsedDocumentEntry(((Prepared) input.getGraphQLContext().get(Prepared.class)).document)))
        .build();
  }

  static CentraSchema get() {
    return INSTANCE;
  }

  /** Every type, field, argument, input field and enum value the SDL marks {@code @inferred}. */
  Set<String> inferredNames() {
    return inferred.keySet();
  }

  /** {@link #inferredNames()} with each mark's note (where the name was looked for). */
  Map<String, String> inferredNotes() {
    return inferred;
  }

  /**
   * Parses and validates {@code query} against the schema. A syntax error or a document that does
   * not validate is a {@link ContractViolation}: a real tenant refuses it the same way.
   */
  Prepared prepare(String query, String operationName) {
    String key = operationName == null ? query : operationName + "\u0000" + query;
    Object cached = prepared.get(key);
    if (cached == null) {
      cached = prepareUncached(query, operationName);
      if (prepared.size() >= CACHE_LIMIT) {
        prepared.clear();
      }
      prepared.put(key, cached);
    }
    if (cached instanceof ContractViolation) {
      ContractViolation v = (ContractViolation) cached;
      throw new ContractViolation(v.status(), v.getMessage());
    }
    return (Prepared) cached;
  }

  private Object prepareUncached(String query, String operationName) {
    Document document;
    try {
      document = Parser.parse(query);
    } catch (InvalidSyntaxException e) {
      return new ContractViolation("Syntax Error: " + e.getMessage());
    }
    List<ValidationError> errors = new Validator().validateDocument(schema, document, Locale.ENGLISH);
    if (!errors.isEmpty()) {
      return new ContractViolation(errors.stream().map(ValidationError::getDescription).collect(Collectors.joining("; ")));
    }
    List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
    OperationDefinition chosen = null;
    for (OperationDefinition op : operations) {
      if (operationName == null ? operations.size() == 1 : operationName.equals(op.getName())) {
        chosen = op;
      }
    }
    if (chosen == null) {
      return new ContractViolation(operationName == null
          ? "Must provide operation name if query contains multiple operations."
          : "Unknown operation named \"" + operationName + "\".");
    }
    return new Prepared(query, document, chosen);
  }

  /** Coerces the request's variables to the operation's declared types; a mismatch is a contract violation. */
  void checkVariables(Prepared p, Map<String, Object> variables) {
    try {
      CoercedVariables coerced = ValuesResolver.coerceVariableValues(schema, p.operation.getVariableDefinitions(),
          RawVariables.of(variables == null ? Map.of() : variables), GraphQLContext.getDefault(), Locale.ENGLISH);
      coerced.toMap();
    } catch (graphql.GraphQLException | IllegalArgumentException e) {
      throw new ContractViolation(e.getMessage());
    }
  }

  /** Runs a prepared document against {@code resolver}; a contract violation found on the way is thrown. */
  ExecutionResult execute(Prepared p, Map<String, Object> variables, Resolver resolver) {
    ExecutionInput input = ExecutionInput.newExecutionInput()
        .query(p.text)
        .operationName(p.operation.getName())
        .variables(variables == null ? Map.of() : variables)
        .graphQLContext(Map.of(Resolver.class, resolver, Prepared.class, p))
        .build();
    ExecutionResult result = graphql.execute(input);
    ContractViolation violation = input.getGraphQLContext().get(ContractViolation.class);
    if (violation != null) {
      throw violation;
    }
    RuntimeException failure = input.getGraphQLContext().get(RuntimeException.class);
    if (failure != null) {
      throw failure;
    }
    for (GraphQLError e : result.getErrors()) {
      ErrorClassification type = e.getErrorType();
      if (type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax) {
        throw new ContractViolation(e.getMessage());
      }
    }
    return result;
  }

  private static String read() {
    try (InputStream in = CentraSchema.class.getResourceAsStream(SDL)) {
      if (in == null) {
        throw new IllegalStateException("centra-client's jar has no " + SDL);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RuntimeWiring wiring(TypeDefinitionRegistry types) {
    DataFetcher<Object> query = env -> resolver(env.getGraphQlContext()).query(env.getField().getName(), env.getArguments());
    DataFetcher<Object> mutation = env -> resolver(env.getGraphQlContext()).mutation(env.getField().getName(), env.getArguments());
    RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring()
        // Not strict: Float is replaced by a BigDecimal-carrying Float (same name, same wire format).
        .strictMode(false)
        .scalar(CentraScalars.FLOAT)
        .scalar(CentraScalars.DATE_TIME_TZ)
        .scalar(CentraScalars.INT64)
        .type("Query", b -> b.defaultDataFetcher(query))
        .type("Mutation", b -> b.defaultDataFetcher(mutation))
        .type("Warehouse", b -> b.dataFetcher("stock",
            env -> resolver(env.getGraphQlContext()).warehouseStock(env.getSource(), env.getArguments())));
    // The emulator renders DTC objects only; a nested reference without __typename is the one
    // implementation the schema has for its interface.
    TypeResolver byTypename = env -> {
      Object source = env.getObject();
      Object name = source instanceof Map ? ((Map<?, ?>) source).get("__typename") : null;
      if (name == null && env.getFieldType() instanceof graphql.schema.GraphQLInterfaceType) {
        List<GraphQLObjectType> impls = env.getSchema().getImplementations((graphql.schema.GraphQLInterfaceType) env.getFieldType());
        if (impls.size() == 1) {
          return impls.get(0);
        }
      }
      GraphQLObjectType type = name == null ? null : env.getSchema().getObjectType(name.toString());
      if (type == null) {
        throw new IllegalStateException("the sandbox rendered a "
            + ((graphql.schema.GraphQLNamedType) env.getFieldType()).getName() + " without a known __typename: " + name);
      }
      return type;
    };
    for (TypeDefinition<?> t : types.types().values()) {
      if (t instanceof InterfaceTypeDefinition) {
        wiring.type(t.getName(), b -> b.typeResolver(byTypename));
      } else if (t instanceof graphql.language.UnionTypeDefinition) {
        wiring.type(t.getName(), b -> b.typeResolver(byTypename));
      }
    }
    return wiring.build();
  }

  private static Resolver resolver(GraphQLContext context) {
    return context.get(Resolver.class);
  }

  private static Map<String, String> inferred(TypeDefinitionRegistry types) {
    Map<String, String> names = new TreeMap<>();
    for (TypeDefinition<?> t : types.types().values()) {
      mark(names, t, t.getName());
      if (t instanceof ObjectTypeDefinition) {
        fields(names, t.getName(), ((ObjectTypeDefinition) t).getFieldDefinitions());
      } else if (t instanceof InterfaceTypeDefinition) {
        fields(names, t.getName(), ((InterfaceTypeDefinition) t).getFieldDefinitions());
      } else if (t instanceof InputObjectTypeDefinition) {
        for (InputValueDefinition f : ((InputObjectTypeDefinition) t).getInputValueDefinitions()) {
          mark(names, f, t.getName() + "." + f.getName());
        }
      } else if (t instanceof EnumTypeDefinition) {
        ((EnumTypeDefinition) t).getEnumValueDefinitions().forEach(v -> mark(names, v, t.getName() + "." + v.getName()));
      }
    }
    types.scalars().values().forEach(s -> mark(names, s, s.getName()));
    return names;
  }

  private static void fields(Map<String, String> names, String type, List<FieldDefinition> fields) {
    for (FieldDefinition f : fields) {
      mark(names, f, type + "." + f.getName());
      for (InputValueDefinition a : f.getInputValueDefinitions()) {
        mark(names, a, type + "." + f.getName() + "(" + a.getName() + ")");
      }
    }
  }

  private static void mark(Map<String, String> names, Object element, String name) {
    if (element instanceof DirectivesContainer) {
      for (Object d : ((DirectivesContainer<?>) element).getDirectives()) {
        Directive directive = (Directive) d;
        if (directive.getName().equals("inferred")) {
          graphql.language.Argument note = directive.getArgument("note");
          names.put(name, note == null ? "" : ((graphql.language.StringValue) note.getValue()).getValue());
        }
      }
    }
  }

  /**
   * A data fetcher's failure: the emulator's {@link BadRequest} becomes an {@code errors[]} entry
   * with its message (as Centra words them), a {@link ContractViolation} is kept to be thrown.
   */
  private static final class Failures implements DataFetcherExceptionHandler {
    @Override
    public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
        graphql.execution.DataFetcherExceptionHandlerParameters params) {
      Throwable e = params.getException();
      if (e instanceof ContractViolation) {
        params.getDataFetchingEnvironment().getGraphQlContext().put(ContractViolation.class, e);
      } else if (!(e instanceof BadRequest)) {
        params.getDataFetchingEnvironment().getGraphQlContext().put(RuntimeException.class, e);
      }
      GraphQLError error = GraphqlErrorBuilder.newError(params.getDataFetchingEnvironment())
          .message(e instanceof BadRequest ? e.getMessage() : "Internal server error")
          .extensions(Map.of("category", "graphql"))
          .build();
      return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(error).build());
    }
  }
}
