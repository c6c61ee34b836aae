module example.com/lincolnshireaudit

go 1.24

require github.com/servicecredit/engine v0.0.0

require (
	github.com/google/go-cmp v0.7.0 // indirect
	github.com/shopspring/decimal v1.6.0 // indirect
	go.yaml.in/yaml/v4 v4.0.0 // indirect
)

replace github.com/servicecredit/engine => ../..
