"""Bearer tokens with roles. Personal data needs a token; law and assessment endpoints do not.

A missing, unknown, forged, revoked or expired token gets 401 (the same answer for each, so a caller learns
nothing about which tokens exist); a valid token with too low a role gets 403."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from extrashield.adapters.registry.users import User, authenticate, role_at_least

bearer = HTTPBearer(auto_error=False, description="A token from `extrashield users add NAME --role ROLE`.")
_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def require(role: str) -> Callable[..., User]:
    def dependency(
        request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
    ) -> User:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise HTTPException(401, "a bearer token is required", headers=_CHALLENGE)
        user = authenticate(request.app.state.registry(), credentials.credentials)
        if user is None:
            raise HTTPException(401, "invalid, revoked or expired token", headers=_CHALLENGE)
        if not role_at_least(user.role, role):
            raise HTTPException(403, f"this needs the {role} role")
        return user

    dependency.__name__ = f"require_{role}"
    return dependency


Reader = Annotated[User, Depends(require("reader"))]
Editor = Annotated[User, Depends(require("editor"))]
Admin = Annotated[User, Depends(require("admin"))]
