module libaigov.example/http-service

go 1.19

require libaigov.example/aigov v0.0.0

replace libaigov.example/aigov => ../../bindings/go
