"""A case study's public change log ("History of this case study").

`changes.changed_sections` works out, when an editor approves a revision, which sections of the
case study it changed (stored on the ModerationEvent as section keys, never the text);
`public.public_history` turns a case study's events into the entries its page shows.
"""
