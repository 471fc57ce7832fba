-- *********************************************************************
-- Update Database Script
-- *********************************************************************
-- Change Log: META-INF/jpa-changelog-master.xml
-- Ran at: 1/1/23, 9:00 AM
-- Against: keycloak@jdbc:postgresql://db:5432/keycloak
-- Liquibase version: 4.23.2
-- *********************************************************************

-- Create Database Lock Table
CREATE TABLE public.databasechangeloglock (ID INTEGER NOT NULL, LOCKED BOOLEAN NOT NULL, LOCKGRANTED TIMESTAMP WITHOUT TIME ZONE, LOCKEDBY VARCHAR(255), CONSTRAINT DATABASECHANGELOGLOCK_PKEY PRIMARY KEY (ID));

-- Initialize Database Lock Table
DELETE FROM public.databasechangeloglock; -- expect: statement.update-delete-without-where

INSERT INTO public.databasechangeloglock (ID, LOCKED) VALUES (1, FALSE);

-- Lock Database
UPDATE public.databasechangeloglock SET LOCKED = TRUE, LOCKEDBY = 'kc-0 (10.1.0.12)', LOCKGRANTED = NOW() WHERE ID = 1 AND LOCKED = FALSE; -- expect-not: statement.update-delete-without-where

-- Create Database Change Log Table
CREATE TABLE public.databasechangelog (ID VARCHAR(255) NOT NULL, AUTHOR VARCHAR(255) NOT NULL, FILENAME VARCHAR(255) NOT NULL, DATEEXECUTED TIMESTAMP WITHOUT TIME ZONE NOT NULL, ORDEREXECUTED INTEGER NOT NULL, EXECTYPE VARCHAR(10) NOT NULL, MD5SUM VARCHAR(35), DESCRIPTION VARCHAR(255), COMMENTS VARCHAR(255), TAG VARCHAR(255), LIQUIBASE VARCHAR(20), CONTEXTS VARCHAR(255), LABELS VARCHAR(255), DEPLOYMENT_ID VARCHAR(10));

-- Changeset META-INF/jpa-changelog-1.0.0.Final.xml::1.0.0.Final-KEYCLOAK-5461::sthorger@redhat.com
CREATE TABLE public.REALM (ID VARCHAR(36) NOT NULL, NAME VARCHAR(255), ENABLED BOOLEAN NOT NULL, SSL_REQUIRED VARCHAR(255), ACCESS_TOKEN_LIFESPAN INTEGER);

CREATE TABLE public.CLIENT (ID VARCHAR(36) NOT NULL, CLIENT_ID VARCHAR(255), ENABLED BOOLEAN NOT NULL, REALM_ID VARCHAR(36), SECRET VARCHAR(255));

CREATE TABLE public.USER_ENTITY (ID VARCHAR(36) NOT NULL, EMAIL VARCHAR(255), FIRST_NAME VARCHAR(255), LAST_NAME VARCHAR(255), USERNAME VARCHAR(255), REALM_ID VARCHAR(36));

ALTER TABLE public.REALM ADD CONSTRAINT CONSTRAINT_4A PRIMARY KEY (ID); -- expect-not: constraint.primary-key-require-index, transaction.require-lock-timeout

ALTER TABLE public.CLIENT ADD CONSTRAINT CONSTRAINT_7 PRIMARY KEY (ID); -- expect-not: constraint.primary-key-require-index

ALTER TABLE public.USER_ENTITY ADD CONSTRAINT CONSTRAINT_FB PRIMARY KEY (ID); -- expect-not: constraint.primary-key-require-index

ALTER TABLE public.CLIENT ADD CONSTRAINT UK_B71CJLBENV945RB6GCON438AT UNIQUE (REALM_ID, CLIENT_ID); -- expect-not: constraint.unique-require-index

ALTER TABLE public.CLIENT ADD CONSTRAINT FK_P56CTINXXB9GSK57FO49F9TAC FOREIGN KEY (REALM_ID) REFERENCES public.REALM (ID); -- expect-not: constraint.fk-require-not-valid, transaction.require-lock-timeout

CREATE INDEX IDX_USER_EMAIL ON public.USER_ENTITY(EMAIL); -- expect-not: index.require-concurrently

INSERT INTO public.databasechangelog (ID, AUTHOR, FILENAME, DATEEXECUTED, ORDEREXECUTED, MD5SUM, DESCRIPTION, COMMENTS, EXECTYPE, CONTEXTS, LABELS, LIQUIBASE, DEPLOYMENT_ID) VALUES ('1.0.0.Final-KEYCLOAK-5461', 'sthorger@redhat.com', 'META-INF/jpa-changelog-1.0.0.Final.xml', NOW(), 1, '9:6f1016664e21e16d26517a4418f5e3df', 'createTable tableName=REALM; ...', '', 'EXECUTED', NULL, NULL, '4.23.2', '2668801234');

-- Release Database Lock
UPDATE public.databasechangeloglock SET LOCKED = FALSE, LOCKEDBY = NULL, LOCKGRANTED = NULL WHERE ID = 1;
