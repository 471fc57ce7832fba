-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: META-INF/jpa-changelog-master.xml
-- Liquibase version: 4.23.2
-- *********************************************************************

-- Lock Database
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = 'kc-0 (10.1.0.12)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE;

-- Changeset META-INF/jpa-changelog-2.0.0.xml::2.0.0::bburke@redhat.com
CREATE TABLE public.USER_ATTRIBUTE (NAME VARCHAR(255) NOT NULL, VALUE VARCHAR(255), USER_ID VARCHAR(36) NOT NULL, ID VARCHAR(36) DEFAULT 'sybase-needs-something-here' NOT NULL); -- expect-not: column.add-volatile-default

ALTER TABLE public.USER_ATTRIBUTE ADD CONSTRAINT CONSTR_USER_ATTRIBUTE_PK PRIMARY KEY (ID); -- expect-not: constraint.primary-key-require-index

ALTER TABLE public.USER_ATTRIBUTE ADD CONSTRAINT FK_5HRM2VLF9QL5FU043KQEPOVBR FOREIGN KEY (USER_ID) REFERENCES public.USER_ENTITY (ID); -- expect: transaction.require-lock-timeout; expect-not: constraint.fk-require-not-valid

-- Changeset META-INF/jpa-changelog-2.0.0.xml::2.0.0-user-entity::bburke@redhat.com
ALTER TABLE public.USER_ENTITY ADD EMAIL_VERIFIED BOOLEAN DEFAULT FALSE NOT NULL; -- expect: transaction.require-lock-timeout; expect-not: column.add-volatile-default, column.add-required

ALTER TABLE public.USER_ENTITY ADD CREATED_TIMESTAMP BIGINT; -- expect-not: column.add-volatile-default

ALTER TABLE public.USER_ENTITY ADD CONSTRAINT UK_RU8TT6T700S9V50BU18WS5HA6 UNIQUE (REALM_ID, USERNAME); -- expect: constraint.unique-require-index

CREATE INDEX IDX_USER_REALM ON public.USER_ENTITY(REALM_ID); -- expect: index.require-concurrently

-- Changeset META-INF/jpa-changelog-2.0.0.xml::2.0.0-client-pk::bburke@redhat.com
ALTER TABLE public.CLIENT DROP CONSTRAINT CONSTRAINT_7; -- expect: transaction.require-lock-timeout

ALTER TABLE public.CLIENT ADD CONSTRAINT CONSTRAINT_7 PRIMARY KEY (ID); -- expect: constraint.primary-key-require-index

-- Changeset META-INF/jpa-changelog-2.0.0.xml::2.0.0-realm-otp::bburke@redhat.com
ALTER TABLE public.REALM ADD OTP_POLICY_DIGITS INTEGER DEFAULT 6; -- expect-not: column.add-volatile-default

UPDATE public.REALM SET OTP_POLICY_DIGITS = 6 WHERE OTP_POLICY_DIGITS IS NULL;

ALTER TABLE public.REALM ALTER COLUMN OTP_POLICY_DIGITS SET NOT NULL; -- expect: column.set-not-null

UPDATE public.CLIENT SET ENABLED = TRUE; -- expect: statement.update-delete-without-where

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('2.0.0', 'bburke@redhat.com', 'META-INF/jpa-changelog-2.0.0.xml', NOW(), 2, '9:ffc5a6d1f2f5b4b1e6b1c2d3e4f5a6b7', 'createTable tableName=USER_ATTRIBUTE; ...', '', 'EXECUTED', NULL, NULL, '4.23.2', '2668809999');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;
