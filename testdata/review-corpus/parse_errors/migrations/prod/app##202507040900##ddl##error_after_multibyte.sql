-- 商品テーブルの説明：価格と数量を保持する。日本語のコメントが長く続きます。ここでバイト数と文字数がずれます。
COMMENT ON TABLE public.items IS '商品マスタ；価格・数量・在庫・仕入先・カテゴリ・ブランド・説明文・画像などを保持する重要なテーブルです。';
COMMENT ON COLUMN public.items.price IS '税込み価格（円）；小数点以下は切り捨て。';
CREATE INDEX CONCURRENTLY items_price_idx ON public.items (price);
ALTER TABLE public.items ADD COLUMN note text,, ADD COLUMN extra bigint; -- expect: syntax.parse-error
