/** A real JPEG that carries what a camera writes: maker, model, a description and GPS coordinates. */
import path from "node:path";
import sharp from "sharp";

/** Text inside the photo's EXIF block: it must reach no published file. */
export const EXIF_MARKER = "GPS-MARKER-4417";

/** The fixture photo of the Jubail plant re-saved with EXIF (IFD0) and GPS (IFD3) data. */
export async function photoWithExif(description = "secret-site-photo"): Promise<Buffer> {
  return sharp(path.join(import.meta.dirname, "../fixtures/images/jubail-plant.jpg"))
    .withMetadata({
      exif: {
        IFD0: { Make: "LeakCam", Model: EXIF_MARKER, ImageDescription: description },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "24/1 42/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "46/1 40/1 0/1" },
      },
    })
    .jpeg()
    .toBuffer();
}
