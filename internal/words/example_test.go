package words_test

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/internal/words"
)

// Colour is an enumeration whose zero value is invalid.
type Colour uint8

const (
	Red Colour = iota + 1
	Amber
	Green
)

var colourWords = words.New("colour", Red, "red", "amber", "green").Alias("yellow", Amber)

func (c Colour) String() string                { return colourWords.String(c) }
func (c Colour) MarshalText() ([]byte, error)  { return colourWords.Marshal(c) }
func (c *Colour) UnmarshalText(b []byte) error { return colourWords.Unmarshal(c, b) }

func Example() {
	var c Colour
	fmt.Println(c.UnmarshalText([]byte("yellow")), c)
	err := c.UnmarshalText([]byte("blue"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, words.ErrUnknown), c)
	fmt.Println(Colour(9))
	fmt.Println(words.Check[Colour]("green"), words.Check[Colour]("blue"))
	// Output:
	// <nil> amber
	// colour "blue" (want one of red, amber, green, yellow): unknown word
	// true amber
	// colour(9)
	// <nil> <nil>
}
