"""Reading actual-year files into validated rows."""
