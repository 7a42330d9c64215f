package io.github.centrasage.doctor.internal;

import graphql.introspection.IntrospectionQuery;
import graphql.introspection.IntrospectionResultToSchema;
import graphql.language.Definition;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import graphql.validation.Validator;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraException;
import io.github.centrasage.doctor.DoctorCheck;
import io.github.centrasage.doctor.DoctorContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Validates every GraphQL document the Centra client ships against the tenant's live schema (read
 * by introspection) with graphql-java, and compares each name the shipped SDL marks
 * {@code @inferred} with that schema.
 */
public final class CentraContractCheck implements DoctorCheck {
  /** Where centra-client ships its SDL (the contract-true work); absent in older versions. */
  public static final String SDL_RESOURCE = "/io/github/centrasage/centra/schema/centra-integration.graphqls";
  private static final String INFERRED = "inferred";

  @Override
  public String name() {
    return "contract.centra";
  }

  @Override
  public void run(DoctorContext ctx) {
    ctx.checked();
    Object answer;
    try {
      answer = ctx.centraIntrospection().map(Supplier::get)
          .orElseGet(() -> ctx.centra().readQuery(IntrospectionQuery.INTROSPECTION_QUERY, "__schema"));
    } catch (CentraException e) {
      ctx.warning("contract.centra.introspection-unavailable", "the tenant refused the introspection query ("
              + e.getMessage() + "), so the client's documents were not checked against its schema",
          "ask Centra to allow introspection for the integration token, or pass a saved schema with"
              + " Doctor.Builder.centraIntrospection");
      return;
    }
    GraphQLSchema live = schemaOf(answer);
    Validator validator = new Validator();
    for (Map.Entry<String, String> doc : CentraClient.shippedDocuments().entrySet()) {
      ctx.checked();
      Document parsed = Parser.parse(doc.getValue());
      for (ValidationError error : validator.validateDocument(live, parsed, Locale.ENGLISH)) {
        ctx.error(idOf(error), doc.getKey() + ": " + describe(error),
            "the tenant's API differs from what this library version sends: check Centra's changelog and the"
                + " library's compatibility notes (docs/compatibility.md), or report it with this line");
      }
    }
    compareInferredNames(ctx, live);
  }

  /** Builds a schema from an introspection answer: the value of {@code __schema} (or a map holding it). */
  @SuppressWarnings("unchecked")
  static GraphQLSchema schemaOf(Object answer) {
    Map<String, Object> result = answer instanceof Map<?, ?> m && m.containsKey("__schema")
        ? (Map<String, Object>) m : Map.of("__schema", answer);
    Document sdl = new IntrospectionResultToSchema().createSchemaDefinition(result);
    return UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(sdl));
  }

  private static String idOf(ValidationError error) {
    if (!(error.getValidationErrorType() instanceof ValidationErrorType type)) {
      return "contract.centra.document-invalid";
    }
    switch (type) {
      case FieldUndefined:
        return "contract.centra.field-missing";
      case UnknownArgument:
        return "contract.centra.argument-missing";
      case UnknownType:
        return "contract.centra.type-missing";
      case MissingFieldArgument:
        return "contract.centra.argument-required";
      case WrongType:
      case VariableTypeMismatch:
      case SubselectionRequired:
      case SubselectionNotAllowed:
        return "contract.centra.type-mismatch";
      default:
        return "contract.centra.document-invalid";
    }
  }

  private static String describe(ValidationError error) {
    String text = error.getDescription() != null ? error.getDescription() : error.getMessage();
    String path = error.getQueryPath() == null ? "" : " at " + String.join("/", error.getQueryPath());
    return text + path;
  }

  private static void compareInferredNames(DoctorContext ctx, GraphQLSchema live) {
    Optional<String> sdl = readSdl();
    if (sdl.isEmpty()) {
      ctx.info("contract.centra.sdl-absent", "this centra-client ships no SDL (" + SDL_RESOURCE
          + "), so no inferred names were compared");
      return;
    }
    Document shipped = Parser.parse(sdl.get());
    for (Definition<?> def : shipped.getDefinitions()) {
      if (!(def instanceof NamedNode<?> named)) {
        continue;
      }
      String type = named.getName();
      GraphQLNamedType liveType = live.getType(type) instanceof GraphQLNamedType t ? t : null;
      if (def instanceof DirectivesContainer<?> d && d.hasDirective(INFERRED)) {
        inferred(ctx, type, liveType != null);
      }
      if (def instanceof ObjectTypeDefinition o) {
        fields(ctx, type, o.getFieldDefinitions(), liveType);
      } else if (def instanceof InterfaceTypeDefinition i) {
        fields(ctx, type, i.getFieldDefinitions(), liveType);
      } else if (def instanceof InputObjectTypeDefinition in) {
        for (InputValueDefinition f : in.getInputValueDefinitions()) {
          if (f.hasDirective(INFERRED)) {
            inferred(ctx, type + "." + f.getName(),
                liveType instanceof GraphQLInputObjectType io && io.getField(f.getName()) != null);
          }
        }
      } else if (def instanceof EnumTypeDefinition e) {
        for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
          if (v.hasDirective(INFERRED)) {
            inferred(ctx, type + "." + v.getName(),
                liveType instanceof GraphQLEnumType et && et.getValue(v.getName()) != null);
          }
        }
      }
    }
  }

  private static void fields(DoctorContext ctx, String type, List<FieldDefinition> fields, GraphQLNamedType liveType) {
    for (FieldDefinition f : fields) {
      if (f.hasDirective(INFERRED)) {
        inferred(ctx, type + "." + f.getName(),
            liveType instanceof GraphQLFieldsContainer c && c.getFieldDefinition(f.getName()) != null);
      }
      for (InputValueDefinition arg : f.getInputValueDefinitions()) {
        if (arg.hasDirective(INFERRED)) {
          inferred(ctx, type + "." + f.getName() + "(" + arg.getName() + ")",
              liveType instanceof GraphQLFieldsContainer c && c.getFieldDefinition(f.getName()) != null
                  && c.getFieldDefinition(f.getName()).getArgument(arg.getName()) != null);
        }
      }
    }
  }

  private static void inferred(DoctorContext ctx, String name, boolean confirmed) {
    ctx.checked();
    if (confirmed) {
      ctx.info("contract.centra.inferred-confirmed", name + " is marked inferred in the library's SDL and the"
          + " tenant's schema has it");
    } else {
      ctx.warning("contract.centra.inferred-refuted", name + " is marked inferred in the library's SDL and the"
              + " tenant's schema does not have it",
          "report it (docs/known-unknowns.md): the library reads or sends a name this tenant does not know");
    }
  }

  private static Optional<String> readSdl() {
    try (InputStream in = CentraClient.class.getResourceAsStream(SDL_RESOURCE)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
