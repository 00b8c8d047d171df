export { createBlueskyPublisher, postUrl, type BlueskyPublisherOptions } from './bluesky-publisher';
export { BLUESKY_MAX_IMAGE_BYTES } from './images';
