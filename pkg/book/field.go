package book

// Given reports whether the key held a value, valid or not: a rule that
// asks whether something was written down counts an invalid value as
// written (it has its own finding), not as missing.
func (f Field[T]) Given() bool { return f.Set || f.Invalid }

// Ptr is the field's value, or nil when the file holds no valid one: what
// the JSON of a result shows as a value or null.
func (f Field[T]) Ptr() *T {
	if !f.Set {
		return nil
	}
	v := f.Value
	return &v
}
