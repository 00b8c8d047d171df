-- Languages (issue 19): why an outbox entry failed, as a code and its parameters (JSON
-- {code, params, step?, then?}), said in the reader's language at display time. A server's own
-- error text is one of the parameters, as the server wrote it. `failure_reason` keeps the
-- English sentence for the CSV export and logs; rows written before this column have no code
-- and keep showing their stored sentence.
ALTER TABLE outbox_entries ADD COLUMN failure_problem TEXT;
