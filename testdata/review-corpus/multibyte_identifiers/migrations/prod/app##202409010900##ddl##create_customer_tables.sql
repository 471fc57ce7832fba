-- 顧客管理スキーマ（日本語のコメント；セミコロン入り）。Ещё комментарий; по-русски.
CREATE TABLE public."顧客" ( -- expect-not: naming.identifier-length, index.require-concurrently
  "顧客ID" bigint PRIMARY KEY,
  "氏名" text NOT NULL,
  "メール" text NOT NULL DEFAULT ''
);
COMMENT ON TABLE public."顧客" IS '顧客マスタ; 重要なテーブルです -- これはコメントではない';
CREATE TABLE public."клиенты" ("ид" bigint PRIMARY KEY, "имя" text NOT NULL, "старое_поле" text); -- expect-not: index.require-concurrently, naming.identifier-length
CREATE TABLE public."注文履歴注文履歴注文履歴注文履歴注文履歴注" (id bigint PRIMARY KEY); -- 21 characters, 63 bytes; expect-not: naming.identifier-length
CREATE TABLE public."配送先住所配送先住所配送先住所配送先住所配送" (id bigint PRIMARY KEY); -- 22 characters, 66 bytes; expect: naming.identifier-length
CREATE TABLE public."📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦📦" (id bigint PRIMARY KEY); -- 16 emoji, 64 bytes; expect: naming.identifier-length
CREATE TABLE public.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa (id bigint PRIMARY KEY); -- 63 ASCII bytes; expect-not: naming.identifier-length
CREATE TABLE public.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb (id bigint PRIMARY KEY); -- 64 ASCII bytes; expect: naming.identifier-length
CREATE TABLE public."📦packages" (id bigint PRIMARY KEY, "重さ" numeric NOT NULL DEFAULT 0); -- expect-not: naming.identifier-length
