package io.github.centrasage.sandbox.internal;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/**
 * The scalars of Centra's schema as the sandbox needs them. {@code Float} keeps {@link BigDecimal}
 * (money never goes through a double on the wire, and the emulator computes in BigDecimal);
 * {@code DateTimeTz} is ISO-8601 text with an offset; {@code Int64} a long.
 */
final class CentraScalars {
  private CentraScalars() {}

  static final GraphQLScalarType FLOAT = GraphQLScalarType.newScalar().name("Float")
      .description("Float, carried as BigDecimal").coercing(new Coercing<BigDecimal, BigDecimal>() {
        @Override
        public BigDecimal serialize(Object value, GraphQLContext context, Locale locale) {
          BigDecimal d = decimal(value);
          if (d == null) {
            throw new CoercingSerializeException("Float cannot represent " + value);
          }
          return d;
        }

        @Override
        public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
          BigDecimal d = input instanceof String || input instanceof Boolean ? null : decimal(input);
          if (d == null) {
            throw new CoercingParseValueException("Float cannot represent non numeric value: " + input);
          }
          return d;
        }

        @Override
        public BigDecimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
          if (input instanceof FloatValue) {
            return ((FloatValue) input).getValue();
          }
          if (input instanceof IntValue) {
            return new BigDecimal(((IntValue) input).getValue());
          }
          throw new CoercingParseLiteralException("Float cannot represent non numeric value: " + input);
        }
      }).build();

  static final GraphQLScalarType INT64 = GraphQLScalarType.newScalar().name("Int64")
      .description("A 64-bit integer").coercing(new Coercing<Long, Long>() {
        @Override
        public Long serialize(Object value, GraphQLContext context, Locale locale) {
          Long l = integral(value);
          if (l == null) {
            throw new CoercingSerializeException("Int64 cannot represent " + value);
          }
          return l;
        }

        @Override
        public Long parseValue(Object input, GraphQLContext context, Locale locale) {
          Long l = input instanceof Number ? integral(input) : null;
          if (l == null) {
            throw new CoercingParseValueException("Int64 cannot represent non-integer value: " + input);
          }
          return l;
        }

        @Override
        public Long parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
          if (input instanceof IntValue) {
            return ((IntValue) input).getValue().longValueExact();
          }
          throw new CoercingParseLiteralException("Int64 cannot represent non-integer value: " + input);
        }
      }).build();

  static final GraphQLScalarType DATE_TIME_TZ = GraphQLScalarType.newScalar().name("DateTimeTz")
      .description("ISO-8601 date and time with an offset").coercing(new Coercing<String, String>() {
        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
          if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof String) {
            return value.toString();
          }
          throw new CoercingSerializeException("DateTimeTz cannot represent " + value);
        }

        @Override
        public String parseValue(Object input, GraphQLContext context, Locale locale) {
          if (!(input instanceof String)) {
            throw new CoercingParseValueException("DateTimeTz must be a string, was " + input);
          }
          return (String) input;
        }

        @Override
        public String parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
          if (input instanceof StringValue) {
            return ((StringValue) input).getValue();
          }
          throw new CoercingParseLiteralException("DateTimeTz must be a string literal");
        }
      }).build();

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal) {
      return (BigDecimal) value;
    }
    if (value instanceof Number) {
      return new BigDecimal(value.toString());
    }
    return null;
  }

  private static Long integral(Object value) {
    try {
      if (value instanceof BigDecimal) {
        return ((BigDecimal) value).longValueExact();
      }
      if (value instanceof BigInteger) {
        return ((BigInteger) value).longValueExact();
      }
      if (value instanceof Long || value instanceof Integer || value instanceof Short) {
        return ((Number) value).longValue();
      }
      if (value instanceof String) {
        return Long.parseLong((String) value);
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return null;
  }
}
