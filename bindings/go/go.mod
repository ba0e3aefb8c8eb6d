module libaigov.example/aigov

go 1.19
