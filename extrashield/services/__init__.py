"""Use cases around the core: eligibility, removal routes and their shields, treaty collisions, the
expiry day of a limitation period, state profiles, the recruitment API, impact of a change of law.
"""
