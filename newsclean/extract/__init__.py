"""Finding the article: segmentation, block features, classification, metadata, dates."""
