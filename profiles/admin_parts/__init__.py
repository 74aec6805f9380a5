"""The consultant and staff workspace in Django admin, in parts: scoping, filters, exports,
the audit trail and the batch re-evaluation. ``profiles.admin`` puts them together."""
