"""The NOC 2021 catalogue: import, search, duty matching, and its selectors and services."""
