SET lock_timeout = '2s';
CREATE INDEX CONCURRENTLY "🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚🚚" ON public."顧客" ("顧客ID"); -- expect: naming.identifier-length
ALTER TABLE public."顧客" ADD COLUMN "配送先住所配送先住所配送先住所配送先住所配送" text; -- expect: naming.identifier-length
ALTER TABLE public."顧客" ADD COLUMN "注文履歴注文履歴注文履歴注文履歴注文履歴注" text; -- expect-not: naming.identifier-length
ALTER TABLE public."顧客" ADD CONSTRAINT "配送先住所配送先住所配送先住所配送先住所配送" CHECK ("氏名" <> '') NOT VALID; -- expect: naming.identifier-length
CREATE SCHEMA "配送先住所配送先住所配送先住所配送先住所配送"; -- expect: naming.identifier-length
CREATE TYPE public."🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾🧾" AS ENUM ('a'); -- expect: naming.identifier-length
ALTER TABLE public."клиенты" RENAME COLUMN "полное_имя" TO "配送先住所配送先住所配送先住所配送先住所配送先"; -- expect: naming.identifier-length, column.rename
