"""The case's four steps: Express Entry profile, ITA, application, decision.

It reads the applicant (``profiles``) and the reference data (``eligibility``); nothing below it
imports it back. By sub-domain: ``enums`` (statuses, moves, stages: a leaf), ``status`` (the
status machine), ``deadlines``, ``invitation_warnings`` (what changes between the ITA and the
submission), ``documents/`` (vocabulary, checklist, uploads, review), ``access`` (who may see
and act).
"""
