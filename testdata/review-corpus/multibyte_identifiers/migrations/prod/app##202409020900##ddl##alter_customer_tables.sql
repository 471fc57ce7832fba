-- 既存テーブルの変更；ロックに注意。
ALTER TABLE public."顧客" ADD COLUMN "電話番号" text NOT NULL; -- expect: column.add-required
CREATE INDEX "顧客_氏名_idx" ON public."顧客" ("氏名"); -- expect: index.require-concurrently
ALTER TABLE public."клиенты" RENAME COLUMN "имя" TO "полное_имя"; ALTER TABLE public."клиенты" DROP COLUMN "старое_поле"; -- expect: column.rename, column.drop
COMMENT ON COLUMN public."顧客"."氏名" IS '名前；フルネーム'; ALTER TABLE public."顧客" DROP COLUMN "メール"; -- expect: column.drop
CREATE INDEX CONCURRENTLY "клиенты_полное_имя_idx" ON public."клиенты" ("полное_имя"); -- expect-not: index.require-concurrently
