"""`{% load access %}`: ask the permission table from a template."""

from django import template

from docket.config.access import may_open as _may_open

register = template.Library()


@register.filter
def may_open(user: object, url_name: str) -> bool:
    """`{% if user|may_open:"cases:person_edit" %}`: the permission table's answer."""
    return _may_open(user, url_name)
