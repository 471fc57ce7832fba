# syntax=docker/dockerfile:1
#
# dbcd image for pipeline steps: the static binary of `make static` on a small
# base that has a shell (Bitbucket Pipelines runs step scripts with sh) and CA
# certificates (HTTPS to the Bitbucket API, TLS to databases).
#
#   docker build -t dbcd .
#   docker build --build-arg VERSION=v0.1.0 --build-arg COMMIT=$(git rev-parse HEAD) -t dbcd:v0.1.0 .
#   docker run --rm -v "$PWD:/repo" -w /repo dbcd dbcd review
#
# The builder runs nothing but `make static`, which CI builds and runs
# (.ci/run), so this recipe is exercised where docker is not available;
# cmd/dbcd/dockerfile_test.go keeps it and .dockerignore in step with the
# build.

# The Go release of go.mod's `go` line (major.minor).
ARG GO_VERSION=1.26

FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY . .
# Empty: the Makefile's own (git describe, which needs .git in the context).
ARG VERSION=
ARG COMMIT=
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    make static ${VERSION:+VERSION="$VERSION"} ${COMMIT:+COMMIT="$COMMIT"}

FROM alpine:3.22
RUN apk add --no-cache ca-certificates
COPY --from=build /src/bin/dbcd-static /usr/local/bin/dbcd
# No ENTRYPOINT: Pipelines runs the step's script in the image.
CMD ["dbcd", "--help"]
