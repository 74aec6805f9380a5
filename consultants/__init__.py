"""The consultants' and staff's workspace in the Django admin: the client list and page, scoping,
filters, exports, the audit trail and private notes. It sits above ``profiles`` and ``cases`` and
nothing imports it back."""
