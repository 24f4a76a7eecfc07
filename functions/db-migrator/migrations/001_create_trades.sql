-- Executed trades, one row per order. order_id is the idempotency key: a redelivered SQS message
-- inserts nothing (INSERT ... ON CONFLICT (order_id) DO NOTHING).
CREATE TABLE trades (
  order_id          text        PRIMARY KEY,
  user_id           text        NOT NULL,
  symbol            text        NOT NULL,
  side              text        NOT NULL CHECK (side IN ('BUY', 'SELL')),
  quantity          numeric     NOT NULL CHECK (quantity > 0),
  price             numeric     NOT NULL CHECK (price > 0),
  ordered_at        timestamptz NOT NULL,
  -- sha256 of the canonical order: a reused order_id with different content is detected, not ignored.
  payload_sha256    text        NOT NULL,
  source_message_id text        NOT NULL,
  recorded_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX trades_user_ordered_at ON trades (user_id, ordered_at);
