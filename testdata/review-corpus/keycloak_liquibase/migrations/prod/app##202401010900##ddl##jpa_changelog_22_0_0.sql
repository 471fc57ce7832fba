-- Lock Database
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = 'kc-1 (10.1.0.13)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;

SET lock_timeout = '10s';

-- Changeset META-INF/jpa-changelog-22.0.0.xml::22.0.0-user-attribute-value-text::keycloak
ALTER TABLE public.USER_ATTRIBUTE ALTER COLUMN VALUE TYPE TEXT USING (VALUE::TEXT); -- expect-not: column.change-type, transaction.require-lock-timeout

ALTER TABLE public.CLIENT ALTER COLUMN SECRET TYPE VARCHAR(2048); -- expect-not: column.change-type

ALTER TABLE public.REALM ALTER COLUMN ACCESS_TOKEN_LIFESPAN TYPE BIGINT USING (ACCESS_TOKEN_LIFESPAN::BIGINT); -- expect: column.change-type

ALTER TABLE public.USER_ENTITY ALTER COLUMN CREATED_TIMESTAMP TYPE BIGINT USING (CREATED_TIMESTAMP::BIGINT); -- expect-not: column.change-type

-- Changeset META-INF/jpa-changelog-22.0.0.xml::22.0.0-idx-user-attribute::keycloak
CREATE INDEX IDX_USER_ATTRIBUTE_NAME ON public.USER_ATTRIBUTE(NAME, VALUE); -- expect: index.require-concurrently

-- Changeset META-INF/jpa-changelog-22.0.0.xml::22.0.0-rename-secret::keycloak
ALTER TABLE public.CLIENT RENAME COLUMN SECRET TO CLIENT_SECRET; -- expect: column.rename

-- Changeset META-INF/jpa-changelog-22.0.0.xml::22.0.0-drop-ssl::keycloak
ALTER TABLE public.REALM DROP COLUMN SSL_REQUIRED; -- expect: column.drop

ALTER TABLE public.CLIENT ADD CONSTRAINT FK_CLIENT_REALM_V2 FOREIGN KEY (REALM_ID) REFERENCES public.REALM (ID) NOT VALID; -- expect-not: constraint.fk-require-not-valid

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1; -- expect-not: statement.update-delete-without-where
