package main

import (
	"testing"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
)

// BenchmarkQuestionFullBook asks a question and has it answered while maxOpenQuestions-1
// others wait, as when clients of 2026-07-28 that never call back have filled the book.
func BenchmarkQuestionFullBook(b *testing.B) {
	var book questionBook
	params := mcp.ElicitationParams{Message: "allow?"}
	for range maxOpenQuestions - 1 {
		book.answer(mcp.MultiRoundTripParams{}, "d", time.Hour, params)
	}
	for b.Loop() {
		_, ask, _ := book.answer(mcp.MultiRoundTripParams{}, "d", time.Hour, params)
		if res, _, err := book.answer(mcp.MultiRoundTripParams{RequestState: ask.RequestState, InputResponses: accepted}, "d", time.Hour, params); res == nil || err != nil {
			b.Fatalf("the answer was refused: %v", err)
		}
	}
}

// TestQuestionBookIndex: expired questions free their places, answered ones leave no
// trace beyond a bound, and live ones still fill the book.
func TestQuestionBookIndex(t *testing.T) {
	var book questionBook
	params := mcp.ElicitationParams{Message: "allow?"}
	ask := func(timeout time.Duration) (string, error) {
		_, q, err := book.answer(mcp.MultiRoundTripParams{}, "d", timeout, params)
		if err != nil {
			return "", err
		}
		return q.RequestState, nil
	}
	for range maxOpenQuestions {
		if _, err := ask(-time.Second); err != nil { // already expired when next asked
			t.Fatal(err)
		}
	}
	if _, err := ask(time.Hour); err != nil || len(book.open) != 1 {
		t.Fatalf("after %d expired questions: %v, %d open", maxOpenQuestions, err, len(book.open))
	}
	for range 3 * maxOpenQuestions {
		state, err := ask(time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if res, _, err := book.answer(mcp.MultiRoundTripParams{RequestState: state, InputResponses: accepted}, "d", time.Hour, params); res == nil || err != nil {
			t.Fatalf("answer refused: %v", err)
		}
	}
	if len(book.open) != 1 || len(book.asked) > 2*maxOpenQuestions+1 {
		t.Fatalf("%d open, %d remembered after answers", len(book.open), len(book.asked))
	}
	for range maxOpenQuestions - 1 {
		if _, err := ask(time.Hour); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := ask(time.Hour); err != errTooManyOpen {
		t.Fatalf("a full book: %v, want errTooManyOpen", err)
	}
}
