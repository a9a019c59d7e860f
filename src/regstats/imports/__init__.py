"""Files an analyst downloaded by hand, recognised by content and turned into tidy series."""
