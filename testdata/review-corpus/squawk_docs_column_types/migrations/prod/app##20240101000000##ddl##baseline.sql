CREATE TABLE accounts ( -- expect-not: column.prefer-bigint, column.prefer-identity
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
