-- A pre-approved text can be tied to a run-of-show cue ("if we win" → the final whistle):
-- when the cue comes due, the alert offers it. Removing the cue keeps the text, unlinked.
ALTER TABLE content_bank ADD COLUMN cue_id TEXT REFERENCES cues(id) ON DELETE SET NULL;
CREATE INDEX content_bank_cue ON content_bank(cue_id) WHERE cue_id IS NOT NULL;
