-- Baseline converted from db/schema.rb (tables are new in this file).
CREATE TABLE accounts (
    id bigserial PRIMARY KEY,
    username character varying DEFAULT ''::character varying NOT NULL,
    domain character varying,
    display_name character varying DEFAULT ''::character varying NOT NULL,
    note text DEFAULT ''::text NOT NULL,
    locked boolean DEFAULT false NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE UNIQUE INDEX index_accounts_on_username_and_domain_lower ON accounts USING btree (lower((username)::text), COALESCE(lower((domain)::text), ''::text)); -- expect-not: index.require-concurrently, transaction.require-lock-timeout

CREATE TABLE statuses (
    id bigint NOT NULL PRIMARY KEY,
    uri character varying,
    text text DEFAULT ''::text NOT NULL,
    account_id bigint NOT NULL,
    in_reply_to_id bigint,
    reblog_of_id bigint,
    visibility integer DEFAULT 0 NOT NULL,
    deleted_at timestamp without time zone,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);

CREATE INDEX index_statuses_on_account_id_id ON statuses USING btree (account_id, id DESC); -- expect-not: index.require-concurrently
ALTER TABLE ONLY statuses ADD CONSTRAINT fk_9bda1543f7 FOREIGN KEY (account_id) REFERENCES accounts(id) ON DELETE CASCADE; -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout
ALTER TABLE ONLY statuses ADD CONSTRAINT fk_rails_94a6f70399 FOREIGN KEY (in_reply_to_id) REFERENCES statuses(id) ON DELETE SET NULL; -- expect-not: constraint.fk-require-not-valid

CREATE TABLE follows (
    id bigserial PRIMARY KEY,
    account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    target_account_id bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    show_reblogs boolean DEFAULT true NOT NULL,
    created_at timestamp without time zone NOT NULL,
    updated_at timestamp without time zone NOT NULL
);
CREATE UNIQUE INDEX index_follows_on_account_id_and_target_account_id ON follows USING btree (account_id, target_account_id); -- expect-not: index.require-concurrently
