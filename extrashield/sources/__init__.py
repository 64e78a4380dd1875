"""Sourced data, loaded strictly: the law (lawbook, history, queries over time), treaties, requesting
states, the reported blacklist and the figures ledger. Pure.
"""
