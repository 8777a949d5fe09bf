"""The HMRC page and the words the tax and pension forms offer."""
