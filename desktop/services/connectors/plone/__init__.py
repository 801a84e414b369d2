"""Plone 6 connector (plone.restapi, plone.app.discussion): see docs/plone.md."""

from desktop.services.connectors.plone.connector import PloneConnector

__all__ = ["PloneConnector"]
