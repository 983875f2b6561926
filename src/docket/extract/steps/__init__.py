"""Pipeline steps; importing this package registers them all."""

from docket.extract.steps import (  # noqa: F401
    allegations,
    attributes,
    attribution,
    charges,
    dates,
    events,
    institutions,
    interventions,
    persons,
    terms,
    tokens,
)
