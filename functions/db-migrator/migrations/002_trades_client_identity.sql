-- Who placed each order: the subject and issuer of the client certificate the API authenticated
-- (mutual TLS, SQS message attributes clientCertSubjectDN and clientCertIssuerDN), exactly as API
-- Gateway passed them. Rows stored before this migration have NULL in both; every row the trade
-- processor stores from now on has both (it commits no order without an authenticated caller).
-- ADD COLUMN without a default changes only the catalogue, so it does not rewrite the table.
ALTER TABLE trades
  ADD COLUMN IF NOT EXISTS client_subject_dn text,
  ADD COLUMN IF NOT EXISTS client_issuer_dn  text;

-- Both or neither. NOT VALID: checked on every new row, without scanning the existing ones (which
-- are NULL in both anyway) under the table lock.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'trades_client_identity_complete' AND conrelid = 'trades'::regclass) THEN
    ALTER TABLE trades ADD CONSTRAINT trades_client_identity_complete
      CHECK ((client_subject_dn IS NULL) = (client_issuer_dn IS NULL)) NOT VALID;
  END IF;
END $$;
