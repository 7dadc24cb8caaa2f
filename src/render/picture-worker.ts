import { makeHere, type PictureFile } from './pictures.ts';

// The process `makePictures` starts: it makes the pictures it is sent, answers with their
// outcomes, and exits, giving back all the memory the image library took. It also exits when the
// build that started it is gone.
process.once('message', async ({ files, dir }: { files: PictureFile[]; dir: string }) => {
  const outcomes = await makeHere(files, dir);
  process.send!(outcomes, () => process.disconnect());
});
process.once('disconnect', () => process.exit(0));
