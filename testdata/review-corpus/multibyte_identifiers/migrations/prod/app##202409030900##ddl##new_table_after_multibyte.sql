-- Много многобайтовых символов перед операторами: строки считаются правильно.
-- 多字节字符很多的注释行；用来检查行号的计算是否正确。多字节字符很多的注释行；用来检查行号。
CREATE TABLE public."📦shipments" ("🆔" bigint PRIMARY KEY, "状態" text NOT NULL DEFAULT '新規'); -- expect-not: index.require-concurrently
CREATE INDEX "📦shipments_状態_idx" ON public."📦shipments" ("状態"); -- expect-not: index.require-concurrently
ALTER TABLE public."📦packages" ADD COLUMN "追跡番号" text UNIQUE; -- expect: constraint.unique-require-index
DROP TABLE public."📦packages"; -- expect: table.drop
ALTER TABLE public."📦shipments" RENAME TO "📦出荷"; -- expect-not: table.rename
